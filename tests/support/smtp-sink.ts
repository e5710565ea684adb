/**
 * A tiny SMTP server for tests (node:net, plain SMTP with AUTH PLAIN): it accepts every
 * message and keeps it, so a test can send real mail and read it back. `refuseNext(n)` makes the
 * next n messages fail with a temporary error (451), to test retries.
 */
import { createServer, type Server, type Socket } from "node:net";

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The login given with AUTH PLAIN, if any. */
  readonly user: string | null;
  /** Everything after DATA, dot-unstuffed, without the final ".". */
  readonly data: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body, decoded from base64 when so encoded. */
  readonly text: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: readonly ReceivedMail[];
  refuseNext(count: number): void;
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  stop(): Promise<void>;
}

function parse(from: string, to: string[], user: string | null, data: string): ReceivedMail {
  const split = data.indexOf("\r\n\r\n");
  const head = split >= 0 ? data.slice(0, split) : data;
  const body = split >= 0 ? data.slice(split + 4) : "";
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const text = /base64/i.test(headers["content-transfer-encoding"] ?? "") ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
  return { from, to, user, data, headers, text: text.replace(/\r\n/g, "\n") };
}

export async function startSmtpSink(options: { user?: string; pass?: string } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  let refusals = 0;
  const sockets = new Set<Socket>();

  const handle = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let data: string[] = [];
    let from = "";
    let to: string[] = [];
    let user: string | null = null;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 sink.test ESMTP ready");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            if (refusals > 0) {
              refusals--;
              reply("451 4.3.0 try again later");
            } else {
              messages.push(parse(from, to, user, data.join("\r\n")));
              reply("250 2.0.0 queued");
              for (const wake of waiters.splice(0)) wake();
            }
            data = [];
          } else data.push(line.startsWith("..") ? line.slice(1) : line);
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250-sink.test\r\n250-8BITMIME\r\n250 AUTH PLAIN");
        else if (verb === "AUTH") {
          const [, login, pass] = Buffer.from(line.split(" ")[2] ?? "", "base64")
            .toString("utf8")
            .split("\0");
          if (options.user !== undefined && (login !== options.user || pass !== options.pass)) reply("535 5.7.8 bad credentials");
          else {
            user = login ?? null;
            reply("235 2.7.0 accepted");
          }
        } else if (verb === "MAIL") {
          if (options.user !== undefined && user === null) reply("530 5.7.0 authentication required");
          else {
            from = /<([^>]*)>/.exec(line)?.[1] ?? "";
            to = [];
            reply("250 2.1.0 ok");
          }
        } else if (verb === "RCPT") {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          reply("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 end with <CRLF>.<CRLF>");
        } else if (verb === "QUIT") {
          reply("221 2.0.0 bye");
          socket.end();
        } else if (verb === "RSET" || verb === "NOOP") reply("250 2.0.0 ok");
        else reply("502 5.5.1 not implemented");
      }
    });
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the SMTP sink has no port");
  const port = address.port;
  const credentials = options.user !== undefined ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.pass ?? "")}@` : "";
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    refuseNext(count) {
      refusals = count;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`the SMTP sink received ${messages.length} of ${count} messages`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return messages;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
