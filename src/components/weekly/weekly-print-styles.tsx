// The weekly agenda is printed for the meeting's minutes: no navigation, no controls, small type
// and two columns, so a week's agenda fits one or two pages.
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 10mm; }
  body { background: #fff !important; color: #000 !important; font-size: 9.5pt; }
  body > header, nav, button, select, details, [data-print="hide"] { display: none !important; }
  [data-print="only"] { display: inline !important; }
  [data-testid="weekly"] { padding: 0 !important; max-width: none !important; }
  [data-testid="weekly"] * { color: #000 !important; background: transparent !important; box-shadow: none !important; }
  [data-testid="weekly"] h1 { font-size: 14pt; }
  .weekly-sections { display: block !important; columns: 2; column-gap: 8mm; }
  .weekly-section { break-inside: avoid; margin-bottom: 2.5mm; }
  .weekly-service { break-inside: auto; }
  input { border: none !important; padding: 0 !important; }
  a { text-decoration: none !important; }
}
`;

export function WeeklyPrintStyles() {
  return <style>{PRINT_CSS}</style>;
}
