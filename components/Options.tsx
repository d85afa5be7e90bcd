import { useEffect, useState } from 'preact/hooks';
import type { SiteMode } from '@/utils/site-modes';

export interface OptionsProps {
  load: () => Promise<Record<string, SiteMode>>;
  save: (host: string, mode: SiteMode | null) => Promise<void>;
}

const LABEL: Record<SiteMode, string> = { always: '总是标注', never: '从不标注' };

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
    const h = input.value.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/[/:].*$/, '');
    if (!h) return;
    void save(h, mode).then(() => {
      input.value = '';
      return refresh();
    });
  };
  return (
    <main class="options">
      <h1>公报透镜 · 网站设置</h1>
      <p>在 *.gov.cn 网站上，公报透镜自动判断页面是否为公文。可以让某个网站总是标注或从不标注。</p>
      {modes === null ? null : Object.keys(modes).length === 0 ? (
        <p data-testid="empty">还没有设置任何网站。</p>
      ) : (
        <table data-testid="sites">
          <tbody>
            {Object.entries(modes)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([h, m]) => (
                <tr key={h}>
                  <td>{h}</td>
                  <td>{LABEL[m]}</td>
                  <td>
                    <button type="button" onClick={() => void save(h, null).then(refresh)}>
                      移除
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <form onSubmit={add}>
        <input name="host" aria-label="网站" placeholder="www.example.gov.cn" />
        <select name="mode" aria-label="方式">
          <option value="always">总是标注</option>
          <option value="never">从不标注</option>
        </select>
        <button type="submit">添加</button>
      </form>
    </main>
  );
}
