import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

/** Copies text to the clipboard and says so; falls back to selecting it where not allowed. */
export function CopyButton({ text, targetId }: { text: string; targetId?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Clipboard access needs a secure context or permission: select the text instead so
      // the user can copy it by hand.
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) window.getSelection()?.selectAllChildren(target);
    }
  };
  return (
    <button type="button" className="button-secondary" onClick={() => void copy()}>
      {copied ? t('action.copied') : t('action.copy')}
    </button>
  );
}
