export interface PopupProps {
  /** Extension version, shown in the footer. */
  version?: string;
}

/** Popup placeholder: page analysis arrives in a later version. */
export function Popup({ version }: PopupProps) {
  return (
    <main class="popup">
      <h1>公报透镜</h1>
      <p data-testid="popup-status">页面分析功能将在后续版本中提供。</p>
      {version ? <p class="version">Gazette Lens v{version}</p> : null}
    </main>
  );
}
