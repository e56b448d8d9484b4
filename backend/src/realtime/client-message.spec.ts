import { INVALID_CLIENT_MESSAGE, parseClientFrame } from './client-message';

describe('parseClientFrame', () => {
  it.each([
    ['{"type":"ping","id":"a1"}', { event: 'ping', data: { type: 'ping', id: 'a1' } }],
    ['{"type":"ping"}', { event: 'ping', data: { type: 'ping', id: null } }],
    ['{"type":"ping","id":"x","extra":true}', { event: 'ping', data: { type: 'ping', id: 'x' } }],
    ['{"type":"auth","token":"t.t.t"}', { event: 'auth', data: { type: 'auth', token: 't.t.t' } }],
    [
      `{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"editing","field":"title"}`,
      { event: 'presence', data: { type: 'presence', task_id: '00000000-0000-4000-8000-00000000000a', state: 'editing', field: 'title' } },
    ],
    [
      `{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"viewing","field":"title"}`,
      { event: 'presence', data: { type: 'presence', task_id: '00000000-0000-4000-8000-00000000000a', state: 'viewing', field: null } },
    ],
    [
      `{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"left"}`,
      { event: 'presence', data: { type: 'presence', task_id: '00000000-0000-4000-8000-00000000000a', state: 'left', field: null } },
    ],
  ])('routes %s', (frame, expected) => {
    expect(parseClientFrame(frame)).toEqual(expected);
  });

  it.each([
    [Buffer.from('{"type":"ping"}'), 'bad_json'],
    ['{"type":', 'bad_json'],
    ['"ping"', 'bad_field'],
    ['[]', 'bad_field'],
    ['null', 'bad_field'],
    ['{"type":7}', 'bad_field'],
    ['{"type":"subscribe"}', 'unknown_type'],
    ['{"type":"#invalid"}', 'unknown_type'],
    ['{"type":"__proto__"}', 'unknown_type'],
    ['{"type":"ping","id":5}', 'bad_field'],
    [`{"type":"ping","id":"${'x'.repeat(129)}"}`, 'bad_field'],
    ['{"type":"auth"}', 'bad_field'],
    ['{"type":"auth","token":""}', 'bad_field'],
    ['{"type":"presence","state":"viewing"}', 'bad_field'],
    ['{"type":"presence","task_id":"not-a-uuid","state":"viewing"}', 'bad_field'],
    [`{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"sleeping"}`, 'bad_field'],
    [`{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"editing","field":"${'x'.repeat(65)}"}`, 'bad_field'],
    [`{"type":"presence","task_id":"00000000-0000-4000-8000-00000000000a","state":"editing","field":"a b"}`, 'bad_field'],
  ])('answers %s with %s', (frame, code) => {
    const sut = parseClientFrame(frame);

    expect(sut).toEqual({ event: INVALID_CLIENT_MESSAGE, data: { code, message: expect.any(String) } });
  });
});
