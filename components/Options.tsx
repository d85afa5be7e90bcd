import { useEffect, useState } from 'preact/hooks';
import type { SiteMode } from '@/utils/site-modes';
import { t, type MessageKey } from '@/utils/i18n';

export interface OptionsProps {
  load: () => Promise<Record<string, SiteMode>>;
  save: (host: string, mode: SiteMode | null) => Promise<void>;
}

const LABEL: Record<SiteMode, MessageKey> = { always: 'siteModeAlways', never: 'siteModeNever' };

/** The per-site lists: sites always highlighted and sites never highlighted. */
export function Options({ load, save }: OptionsProps) {
  const [modes, setModes] = useState<Record<string, SiteMode> | null>(null);
  const refresh = () => load().then(setModes);
  useEffect(() => {
    void refresh();
  }, []);
  const add = (ev: Event) => {
    ev.preventDefault();
    // Read the form itself (uncontrolled fields): no dependence on a pending re-render.
    const form = ev.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('host') as HTMLInputElement;
    const mode = (form.elements.namedItem('mode') as HTMLSelectElement).value === 'never' ? 'never' : 'always';
    const h = input.value
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/[/:].*$/, '');
    if (!h) return;
    void save(h, mode).then(() => {
      input.value = '';
      return refresh();
    });
  };
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p>{t('optionsIntro')}</p>
      {modes === null ? null : Object.keys(modes).length === 0 ? (
        <p data-testid="empty">{t('optionsEmpty')}</p>
      ) : (
        <table data-testid="sites">
          <tbody>
            {Object.entries(modes)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([h, m]) => (
                <tr key={h}>
                  <td>{h}</td>
                  <td>{t(LABEL[m])}</td>
                  <td>
                    <button type="button" onClick={() => void save(h, null).then(refresh)}>
                      {t('optionsRemove')}
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <form onSubmit={add}>
        <input name="host" aria-label={t('optionsSite')} placeholder="www.example.gov.cn" />
        <select name="mode" aria-label={t('optionsMode')}>
          <option value="always">{t('siteModeAlways')}</option>
          <option value="never">{t('siteModeNever')}</option>
        </select>
        <button type="submit">{t('add')}</button>
      </form>
    </main>
  );
}
