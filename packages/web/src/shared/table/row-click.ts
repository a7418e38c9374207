/** Row click handler that navigates, unless the user was selecting text or clicked a control. */
export function rowClick(go: () => void): (e: { target: EventTarget | null }) => void {
  return (e) => {
    if (window.getSelection()?.toString()) return;
    const el = e.target as HTMLElement | null;
    if (el?.closest('a, button, input, select, label, summary')) return;
    go();
  };
}
