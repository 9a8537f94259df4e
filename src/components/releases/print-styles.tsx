// The decision history is printed for compliance audits: no navigation, no controls, every
// decision in full (history, assessments, evidence URLs, snapshot), none split across pages.
const PRINT_CSS = `
@media print {
  @page { margin: 14mm; }
  body { background: #fff !important; color: #000 !important; }
  body > header, nav, button, form, select, [data-print="hide"] { display: none !important; }
  [data-print="only"] { display: block !important; }
  [data-testid="release-wall"] { padding: 0 !important; max-width: none !important; }
  [data-testid="release"] { break-before: page; box-shadow: none !important; border: 1px solid #000 !important; }
  [data-testid="release"]:first-of-type { break-before: auto; }
  [data-testid="decision"] { break-inside: avoid; border: 1px solid #555 !important; background: #fff !important; }
  [data-testid="decision"] * { color: #000 !important; background: transparent !important; }
  table { border-collapse: collapse; }
  th, td { border: 1px solid #999 !important; }
}
`;

export function PrintStyles() {
  return <style>{PRINT_CSS}</style>;
}
