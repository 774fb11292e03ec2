// One personal Zalo account: each login is a session (a FakeZaloApi), and when a second session
// starts listening Zalo closes the older one, as it does: DuplicateConnection (3000) by default,
// or KickConnection (3003).
import { FakeZaloApi } from './fake-zalo-api.ts';

export class FakeZaloAccount {
  readonly sessions: FakeZaloApi[] = [];
  kicks = 0;

  constructor(
    private readonly kickWith: { code: number; reason: string } = { code: 3000, reason: 'DuplicateConnection' },
  ) {}

  login = async (): Promise<FakeZaloApi> => {
    const sessions = this.sessions;
    const kick = (older: FakeZaloApi) => {
      this.kicks += 1;
      older.drop(this.kickWith.code, this.kickWith.reason);
    };
    const session = new (class extends FakeZaloApi {
      override startListener(): void {
        for (const other of sessions) if (other !== this && other.listening) kick(other);
        super.startListener();
        queueMicrotask(() => this.connect());
      }
    })();
    this.sessions.push(session);
    return session;
  };

  get listening(): FakeZaloApi[] {
    return this.sessions.filter((session) => session.listening);
  }
}
