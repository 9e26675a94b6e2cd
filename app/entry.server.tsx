import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

// server.ts starts the background jobs from this build (one copy of every module).
export { startBackgroundJobs } from "./jobs.server";

// How long a streamed document may keep its deferred parts pending once its shell has
// been sent. The clock starts at the shell, not at the request: under a flash sale a
// render can wait seconds for its turn on the CPU, and a refusal's page must then still
// be answered with its 4xx and translated message, never cut off into a 500.
const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Bots and no-JS clients get the whole document at once; browsers stream.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: NodeJS.Timeout | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
          timer = setTimeout(abort, ABORT_DELAY);
          // the document is written (or the client went away): nothing left to abort
          body.once("close", () => clearTimeout(timer));
          body.once("end", () => clearTimeout(timer));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          // after the shell the status is sent: log only; before it, the page is an error page
          if (shellRendered) console.error(error);
          else responseStatusCode = 500;
        },
      },
    );
  });
}
