/** A setTimeout that can be restarted, cancelled and asked whether it is pending. */
export class OneShotTimer {
  private handle: ReturnType<typeof setTimeout> | null = null;

  get pending(): boolean {
    return this.handle !== null;
  }

  start(delayMs: number, callback: () => void): void {
    this.clear();
    this.handle = setTimeout(() => {
      this.handle = null;
      callback();
    }, delayMs);
  }

  clear(): void {
    if (this.handle !== null) {
      clearTimeout(this.handle);
      this.handle = null;
    }
  }
}
