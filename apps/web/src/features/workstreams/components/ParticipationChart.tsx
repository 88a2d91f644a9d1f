import { useEffect, useId, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useLocale } from '../../../i18n/I18nProvider';
import { direction } from '../../../i18n/locales';
import { useT } from '../../../i18n/t';
import { label, type LabelSet } from '../labels';
import styles from '../workstreams.module.css';

export interface Cell {
  category: string;
  count: number | null;
  /** What the API shows: the count, "fewer than 3", or "withheld" (English; the number is read from it). */
  display: string;
  suppressed: boolean;
}

/** The API's suppression threshold, read from a suppressed cell's display ("fewer than 3"). */
export function suppressionThreshold(cells: readonly Cell[]): number | null {
  for (const cell of cells) {
    const match = cell.suppressed ? /(\d+)/.exec(cell.display) : null;
    if (match) return Number(match[1]);
  }
  return null;
}

const BAR = '#005a8c'; // --color-brand: 7:1 on white
const TEXT = '#1b1f24';
const MUTED = '#4d5560';

/** Diagonal hatching (a pattern, not a colour) marking a group that is not shown. */
function hatch(): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return MUTED;
  ctx.strokeStyle = MUTED;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.moveTo(-2, 2);
  ctx.lineTo(2, -2);
  ctx.moveTo(6, 10);
  ctx.lineTo(10, 6);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? MUTED;
}

/** Splits a long category name over lines of about `width` characters, for narrow screens. */
function wrap(text: string, width: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a phrase at the space nearest its middle. */
function halve(text: string): string[] {
  const middle = text.length / 2;
  let best = -1;
  for (let i = 0; i < text.length; i++) if (text[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * One breakdown of who takes part: a bar chart (Chart.js, fetched only when this renders) with the
 * same figures in a table beside it. The table is the accessible source; the canvas is an image with
 * a summary. Groups too small to show are drawn hatched and labelled in words, never by colour alone.
 */
/** `countLabel`: the heading of the counts column (members by default; commenters in a synthesis). */
export function ParticipationChart({ title, cells, set, countLabel }: { title: string; cells: readonly Cell[]; set: LabelSet; countLabel?: string }) {
  const t = useT();
  const intl = useIntl();
  const { locale } = useLocale();
  const canvas = useRef<HTMLCanvasElement>(null);
  const captionId = useId();
  const threshold = suppressionThreshold(cells);

  const rows = cells.map((cell) => ({
    label: label(t, set, cell.category),
    suppressed: cell.suppressed,
    count: cell.suppressed ? null : cell.count ?? 0,
    value: cell.suppressed
      ? /\d/.test(cell.display)
        ? t('workstreams.participation.suppressed', { n: threshold ?? '' })
        : t('workstreams.participation.withheld')
      : intl.formatNumber(cell.count ?? 0),
  }));
  const summary = t('workstreams.participation.chartLabel', {
    title,
    items: rows.map((row) => t('workstreams.participation.item', { label: row.label, value: row.value })).join(intl.locale.startsWith('zh') ? '；' : intl.locale.startsWith('ar') ? '، ' : '; '),
  });
  const key = JSON.stringify(rows);

  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    const rtl = direction(locale) === 'rtl';
    void import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale }) => {
      if (cancelled || !canvas.current) return;
      Chart.register(BarController, BarElement, CategoryScale, LinearScale);
      const pattern = hatch();
      const max = Math.max(1, ...rows.map((row) => row.count ?? 0));
      const font = { family: getComputedStyle(document.documentElement).fontFamily, size: 13 };
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: {
          labels: rows.map((row) => wrap(row.label, 16)),
          datasets: [{ data: rows.map((row) => row.count), backgroundColor: BAR, borderColor: BAR, barPercentage: 0.8, categoryPercentage: 0.9 }],
        },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          events: [],
          locale: intl.locale,
          layout: { padding: { left: 4, right: 4 } },
          scales: {
            x: {
              reverse: rtl,
              beginAtZero: true,
              // room after the longest bar for its label
              suggestedMax: Math.ceil(max * 1.6),
              ticks: { precision: 0, color: TEXT, font },
              grid: { color: '#d5dae0' },
            },
            y: { position: rtl ? 'right' : 'left', ticks: { color: TEXT, font, autoSkip: false }, grid: { display: false } },
          },
        },
        plugins: [
          {
            id: 'values',
            afterDatasetsDraw(instance) {
              const { ctx } = instance;
              const meta = instance.getDatasetMeta(0);
              const x = instance.scales['x'];
              if (!x) return;
              const zero = x.getPixelForValue(0);
              const sign = rtl ? -1 : 1;
              ctx.save();
              ctx.textBaseline = 'middle';
              ctx.textAlign = rtl ? 'right' : 'left';
              meta.data.forEach((bar, index) => {
                const row = rows[index];
                if (!row) return;
                const y = bar.y;
                if (row.suppressed) {
                  ctx.fillStyle = pattern;
                  const width = 18;
                  ctx.fillRect(rtl ? zero - width : zero, y - 8, width, 16);
                  ctx.strokeStyle = MUTED;
                  ctx.strokeRect(rtl ? zero - width : zero, y - 8, width, 16);
                  ctx.fillStyle = MUTED;
                  ctx.font = `italic 12px ${font.family}`;
                  const start = zero + sign * (width + 6);
                  const room = rtl ? start - instance.chartArea.left : instance.chartArea.right - start;
                  // on a narrow screen the words go on two lines rather than off the canvas
                  const lines = ctx.measureText(row.value).width > room ? halve(row.value) : [row.value];
                  lines.forEach((line, n) => ctx.fillText(line, start, y + (n - (lines.length - 1) / 2) * 14));
                } else {
                  ctx.fillStyle = TEXT;
                  ctx.font = `bold 13px ${font.family}`;
                  ctx.fillText(row.value, (row.count ? bar.x : zero) + sign * 6, y);
                }
              });
              ctx.restore();
            },
          },
        ],
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [key, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId}>{title}</figcaption>
      <div className={styles.canvasBox} style={{ blockSize: `${rows.length * Math.max(36, Math.max(1, ...rows.map((row) => wrap(row.label, 16).length)) * 16 + 12) + 40}px` }}>
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      {/* scrolls sideways on a narrow screen: focusable and named, so a keyboard can scroll it too */}
      <div className={styles.scroll} role="region" tabIndex={0} aria-label={title}>
        <table className={styles.table}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('workstreams.participation.category')}</th>
              <th scope="col" className={styles.number}>
                {countLabel ?? t('workstreams.participation.members')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td className={[styles.number, row.suppressed ? styles.suppressed : ''].join(' ')}>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
