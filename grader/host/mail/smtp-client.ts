/**
 * A small SMTP client (RFC 5321) over node:net and node:tls, enough to hand a plain-text
 * notification to a mail server: EHLO, STARTTLS when the server offers it (or TLS from the
 * first byte for port 465), AUTH PLAIN when a user is configured, one message per connection.
 * Every step has a timeout; any reply outside the expected class is an error with the reply.
 */
import { randomUUID } from "node:crypto";
import { connect as connectTcp, type Socket } from "node:net";
import { hostname } from "node:os";
import { connect as connectTls, type TLSSocket } from "node:tls";
import type { SmtpSettings } from "../../../config.ts";

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export type SendMail = (message: MailMessage) => Promise<void>;

export interface SmtpClientOptions {
  /** How long any one step (connecting, one reply) may take. */
  readonly timeoutMs?: number;
  /** Accept a certificate that does not verify (a test server's, self-signed). */
  readonly allowUnverifiedTls?: boolean;
}

interface Reply {
  readonly code: number;
  readonly lines: readonly string[];
}

/** Reads SMTP replies off a socket, one (possibly multi-line) reply at a time. */
class ReplyReader {
  #buffer = "";
  #replies: Reply[] = [];
  #lines: string[] = [];
  #waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;
  #failure: Error | null = null;

  attach(socket: Socket | TLSSocket): void {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.#feed(chunk));
    socket.on("error", (error) => this.#fail(error));
    socket.on("close", () => this.#fail(new Error("The SMTP server closed the connection.")));
  }

  detach(socket: Socket | TLSSocket): void {
    socket.removeAllListeners("data");
    socket.removeAllListeners("error");
    socket.removeAllListeners("close");
  }

  #feed(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf("\r\n")) >= 0) {
      const line = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      this.#lines.push(line.slice(4));
      // "250-..." continues a reply; "250 ..." ends it.
      if (line[3] !== "-") {
        this.#replies.push({ code: Number(line.slice(0, 3)), lines: this.#lines });
        this.#lines = [];
      }
    }
    this.#deliver();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#deliver();
  }

  #deliver(): void {
    if (!this.#waiting) return;
    const reply = this.#replies.shift();
    if (reply) {
      const { resolve } = this.#waiting;
      this.#waiting = null;
      resolve(reply);
    } else if (this.#failure) {
      const { reject } = this.#waiting;
      this.#waiting = null;
      reject(this.#failure);
    }
  }

  next(timeoutMs: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = null;
        reject(new Error(`The SMTP server did not answer within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#waiting = {
        resolve: (reply) => (clearTimeout(timer), resolve(reply)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
      this.#deliver();
    });
  }
}

function openSocket(settings: SmtpSettings, options: SmtpClientOptions, timeoutMs: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = settings.secure
      ? connectTls({ host: settings.host, port: settings.port, servername: settings.host, rejectUnauthorized: !options.allowUnverifiedTls })
      : connectTcp({ host: settings.host, port: settings.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Could not connect to ${settings.host}:${settings.port} within ${timeoutMs} ms.`));
    }, timeoutMs);
    socket.once(settings.secure ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function upgradeToTls(socket: Socket, settings: SmtpSettings, options: SmtpClientOptions, timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = connectTls({ socket, servername: settings.host, rejectUnauthorized: !options.allowUnverifiedTls });
    const timer = setTimeout(() => {
      secured.destroy();
      reject(new Error(`STARTTLS did not complete within ${timeoutMs} ms.`));
    }, timeoutMs);
    secured.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(secured);
    });
    secured.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** A header value, encoded (RFC 2047) when it is not plain ASCII. */
function headerText(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${Buffer.from(oneLine, "utf8").toString("base64")}?=`;
}

/** An address fit for an envelope and a header: no spaces, brackets or line breaks. */
function address(value: string): string {
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(value)) throw new Error(`Not a mail address: "${value}".`);
  return value;
}

/** The message as sent after DATA: headers, then the text as base64 (any UTF-8, any line length), dot-terminated. */
export function formatMessage(from: string, message: MailMessage, now = new Date()): string {
  const domain = from.split("@")[1] ?? "localhost";
  const body = Buffer.from(message.text.replace(/\r?\n/g, "\r\n"), "utf8")
    .toString("base64")
    .replace(/.{1,76}/g, "$&\r\n");
  const headers = [
    `From: Epoch <${address(from)}>`,
    `To: <${address(message.to)}>`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${now.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "Auto-Submitted: auto-generated",
  ];
  // Base64 lines never start with "."; no dot-stuffing is needed.
  return `${headers.join("\r\n")}\r\n\r\n${body}.\r\n`;
}

/** A transport that sends each message over its own connection to the configured server. */
export function smtpTransport(settings: SmtpSettings, options: SmtpClientOptions = {}): SendMail {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (message) => {
    let socket = await openSocket(settings, options, timeoutMs);
    let reader = new ReplyReader();
    reader.attach(socket);
    const expect = async (what: string, accepted: (code: number) => boolean): Promise<Reply> => {
      const reply = await reader.next(timeoutMs);
      if (!accepted(reply.code)) throw new Error(`SMTP ${what} refused: ${reply.code} ${reply.lines.join(" ")}`);
      return reply;
    };
    const command = async (line: string, what: string, accepted: (code: number) => boolean = (c) => c >= 200 && c < 300): Promise<Reply> => {
      socket.write(`${line}\r\n`);
      return expect(what, accepted);
    };
    try {
      await expect("greeting", (c) => c === 220);
      const helloName = hostname().replace(/[^\w.-]/g, "") || "localhost";
      let extensions = (await command(`EHLO ${helloName}`, "EHLO")).lines.map((l) => l.toUpperCase());
      if (!settings.secure && extensions.some((l) => l.startsWith("STARTTLS"))) {
        await command("STARTTLS", "STARTTLS", (c) => c === 220);
        reader.detach(socket);
        socket = await upgradeToTls(socket as Socket, settings, options, timeoutMs);
        reader = new ReplyReader();
        reader.attach(socket);
        extensions = (await command(`EHLO ${helloName}`, "EHLO")).lines.map((l) => l.toUpperCase());
      }
      if (settings.user !== null) {
        if (!extensions.some((l) => l.startsWith("AUTH") && l.includes("PLAIN"))) throw new Error("The SMTP server does not offer AUTH PLAIN.");
        const credentials = Buffer.from(`\0${settings.user}\0${settings.pass ?? ""}`, "utf8").toString("base64");
        await command(`AUTH PLAIN ${credentials}`, "AUTH", (c) => c === 235);
      }
      await command(`MAIL FROM:<${address(settings.from)}>`, "MAIL FROM");
      await command(`RCPT TO:<${address(message.to)}>`, "RCPT TO");
      await command("DATA", "DATA", (c) => c === 354);
      socket.write(formatMessage(settings.from, message));
      await expect("message", (c) => c >= 200 && c < 300);
      await command("QUIT", "QUIT").catch(() => undefined);
    } finally {
      reader.detach(socket);
      socket.on("error", () => undefined);
      socket.end();
      socket.destroy();
    }
  };
}
