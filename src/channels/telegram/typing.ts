/** "typing…" in the chat while slow work (an answer, a workbook) runs. */
import type { Api } from "grammy";

/** Delay before the first typing action: quick replies show none. */
const FIRST_MS = 300;
/** Telegram shows an action for about 5 s. */
const REPEAT_MS = 4500;

/** Runs `work`, showing the typing action in the chat while it takes longer than a moment. */
export async function withTyping<T>(api: Api, chatId: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const tick = (delay: number) => {
    timer = setTimeout(() => {
      if (done) return;
      api.sendChatAction(chatId, "typing").catch(() => undefined);
      tick(REPEAT_MS);
    }, delay);
  };
  tick(FIRST_MS);
  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
