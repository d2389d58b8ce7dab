/**
 * Where e-mail goes: an SMTP server in production, or — for development and demos — a folder
 * with one .eml file per message, which any mail client opens.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createMailTransport(mail: Config['mail']): MailTransport {
  if (mail.transport === 'smtp') {
    const t = nodemailer.createTransport({
      host: mail.host,
      port: mail.port,
      secure: mail.secure,
      ...(mail.user ? { auth: { user: mail.user, pass: mail.password ?? '' } } : {}),
    });
    return {
      async send(m) {
        await t.sendMail({
          from: mail.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
        });
      },
      close: () => t.close(),
    };
  }
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send(m) {
      const info = await builder.sendMail({
        from: mail.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
      });
      await fs.mkdir(mail.dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await fs.writeFile(path.join(mail.dir, `${stamp}-${m.id}.eml`), info.message as Buffer);
    },
    close: () => builder.close(),
  };
}
