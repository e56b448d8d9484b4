import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { aComment, aTask } from '../../../../../testing/builders';
import { AuthService } from '../../../../core/auth/auth.service';
import { RealtimeService } from '../../../../core/realtime/realtime.service';
import { PeopleDirectory } from '../../../people';
import { TeamsStore } from '../../../teams';
import { CommentThreadComponent } from './comment-thread.component';

const ME = 'user-me';

async function setup(permission: 'owner' | 'view') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthService, useValue: { userId: () => ME } },
      { provide: RealtimeService, useValue: { events$: new Subject(), resync$: new Subject() } },
      { provide: PeopleDirectory, useValue: { remember: () => undefined } },
      { provide: TeamsStore, useValue: { isAdmin: () => false } },
    ],
  });
  const fixture = TestBed.createComponent(CommentThreadComponent);
  const task = aTask({ id: 'task-1', permission });
  fixture.componentRef.setInput('task', task);
  fixture.componentRef.setInput('people', [{ id: 'user-ben', name: 'Ben Okafor' }]);
  fixture.detectChanges();
  TestBed.inject(HttpTestingController)
    .expectOne((request) => request.url === '/api/tasks/task-1/comments')
    .flush({
      items: [
        aComment({ authorId: ME, authorName: 'Mia Me', body: 'Mine' }),
        aComment({ authorId: 'user-ben', authorName: 'Ben Okafor', body: 'His' }),
      ],
      next_cursor: null,
      seq: 1,
    });
  await fixture.whenStable();
  const comments = () =>
    Array.from(fixture.nativeElement.querySelectorAll('[data-testid="comment"]') as NodeListOf<HTMLElement>).map((comment) => ({
      by: comment.querySelector('strong')?.textContent?.trim(),
      buttons: Array.from(comment.querySelectorAll('button')).map((button) => button.textContent?.trim()),
    }));
  return { comments };
}

describe('CommentThreadComponent', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('calls my comments mine, lets me edit and delete them; as the owner I may delete any', async () => {
    const { comments } = await setup('owner');

    expect(comments()).toEqual([
      { by: 'You', buttons: ['Edit', 'Delete'] },
      { by: 'Ben Okafor', buttons: ['Delete'] },
    ]);
  });

  it("offers nothing on other people's comments to someone who only views the task", async () => {
    const { comments } = await setup('view');

    expect(comments()).toEqual([
      { by: 'You', buttons: ['Edit', 'Delete'] },
      { by: 'Ben Okafor', buttons: [] },
    ]);
  });
});
