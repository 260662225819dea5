/**
 * Per-chat ordering for the platform channels: the messages of one chat are handled (and
 * answered) one after another in arrival order, different chats concurrently.
 */
export class ChatQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** @param onError called with a task's failure (a task's error never stops the chat's queue). */
  constructor(private readonly onError: (err: unknown, chatId: string) => void) {}

  /** Queues `task` after the chat's earlier ones. */
  push(chatId: string, task: () => Promise<void>): void {
    const run = (this.tails.get(chatId) ?? Promise.resolve()).then(task).catch((err: unknown) => this.onError(err, chatId));
    this.tails.set(chatId, run);
    void run.then(() => {
      if (this.tails.get(chatId) === run) this.tails.delete(chatId);
    });
  }

  /** Resolves once every task queued so far (and any queued meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
