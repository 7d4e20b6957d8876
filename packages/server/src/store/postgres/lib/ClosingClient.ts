import pg from 'pg';

/**
 * A pg client that closes its socket when connecting fails. pg leaves it open after an error it
 * raises itself during authentication (a URL without a password meeting SCRAM: "client password
 * must be a string"), and the pool never ends a client that failed to connect, so the socket would
 * hold the process until the server's authentication_timeout (60 s by default).
 */
export class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (error: Error) => void): void;
  override connect(callback?: (error: Error) => void): Promise<pg.Client> | void {
    if (callback) {
      super.connect((error: Error) => {
        if (error) void this.end().catch(() => undefined);
        callback(error);
      });
      return;
    }
    return super.connect().catch(async (error: unknown) => {
      await this.end().catch(() => undefined);
      throw error;
    });
  }
}
