import { Text } from '@mantine/core';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** A column of the grid: its header, its CSS grid track, and what a loaded row shows in it. */
export interface GridColumn<T> {
  id: string;
  header: string;
  /** CSS grid track, e.g. "minmax(220px, 2fr)" or "140px". */
  width: string;
  align?: 'right';
  cell: (row: T) => ReactNode;
}

export interface VirtualGridProps<T> {
  columns: GridColumn<T>[];
  /** Total number of rows (all pages), known from the server. */
  total: number;
  /** The row at an index, or undefined while its page is loading. */
  rowAt: (index: number) => T | undefined;
  /** Tells the owner which rows are rendered so it can fetch their pages. */
  onRangeChange?: (start: number, end: number) => void;
  onRowClick?: (row: T, index: number) => void;
  rowKey?: (row: T, index: number) => string;
  isSelected?: (row: T) => boolean;
  /** The grid is as tall as the window less this many pixels (the page around it). */
  heightOffset: number;
  rowHeight?: number;
  testId: string;
  rowTestId: string;
  label: string;
  empty: ReactNode;
  loadingLabel: string;
}

/** Rows rendered beyond each edge of the viewport, so that scrolling shows rows already there. */
const OVERSCAN = 12;

/**
 * The rows to render for a scroll position: those in the viewport (below the sticky header, one
 * row tall) and OVERSCAN more on each side. The end is not capped by the row count.
 */
function renderedRows(scrollTop: number, viewportHeight: number, rowHeight: number): [number, number] {
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight - rowHeight) / rowHeight) - 1;
  return [Math.max(0, first - OVERSCAN), last + OVERSCAN];
}

/**
 * A table of fixed-height rows that renders only the rows on screen. Rows are fetched page by page
 * by the owner. Before the viewport is measured its height is taken from the window's, so the
 * first render already has the rows on screen.
 */
export function VirtualGrid<T>(props: VirtualGridProps<T>): ReactNode {
  const { total, rowAt, onRangeChange, rowHeight = 36, heightOffset } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Roving tab stop: one row is in the tab order; arrows move between rows.
  const [active, setActive] = useState(0);
  const [range, setRange] = useState(() => renderedRows(0, window.innerHeight - heightOffset, rowHeight));

  const updateRange = useCallback(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const next = renderedRows(scroller.scrollTop, scroller.clientHeight, rowHeight);
    setRange((current) => (current[0] === next[0] && current[1] === next[1] ? current : next));
  }, [rowHeight]);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const resizes = new ResizeObserver(updateRange);
    resizes.observe(scroller);
    return () => resizes.disconnect();
  }, [updateRange]);

  const indexes: number[] = [];
  for (let index = range[0]; index <= Math.min(range[1], total - 1); index++) indexes.push(index);
  const first = indexes[0] ?? 0;
  const last = indexes[indexes.length - 1] ?? 0;
  const tabStop = indexes.includes(active) ? active : first;

  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  function focusRow(index: number): void {
    const scroller = scrollRef.current;
    if (!scroller || index < 0 || index >= total) return;
    // The row's top and bottom within the rows, which scroll under the header.
    const top = index * rowHeight;
    const bottom = top + rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (bottom > scroller.scrollTop + scroller.clientHeight - rowHeight) scroller.scrollTop = bottom - scroller.clientHeight + rowHeight;
    // Renders the rows now in view at once, so the row to focus exists.
    flushSync(updateRange);
    scroller.querySelector<HTMLElement>(`[data-row-index="${index}"]`)?.focus({ preventScroll: true });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number, row: T | undefined): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index - 1);
    } else if ((event.key === 'Enter' || event.key === ' ') && row !== undefined && props.onRowClick) {
      event.preventDefault();
      props.onRowClick(row, index);
    }
  }

  const template = props.columns.map((column) => column.width).join(' ');
  const cellClass = (column: GridColumn<T>) => `grid-cell${column.align === 'right' ? ' num' : ''}`;
  return (
    <div className="grid" data-testid={props.testId} role="table" aria-label={props.label} aria-rowcount={total + 1}>
      <div className="grid-scroll" ref={scrollRef} style={{ height: `calc(100vh - ${heightOffset}px)` }} onScroll={updateRange}>
        <div className="grid-row grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: rowHeight }}>
          {props.columns.map((column) => (
            <div key={column.id} role="columnheader" className={cellClass(column)}>
              {column.header}
            </div>
          ))}
        </div>
        {total === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {props.empty}
          </Text>
        ) : (
          <div style={{ height: total * rowHeight, position: 'relative' }} role="rowgroup">
            {indexes.map((index) => {
              const row = rowAt(index);
              const clickable = props.onRowClick !== undefined && row !== undefined;
              const selected = row !== undefined && props.isSelected?.(row) === true;
              return (
                <div
                  key={row !== undefined && props.rowKey ? props.rowKey(row, index) : index}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-selected={props.isSelected ? selected : undefined}
                  aria-busy={row === undefined}
                  data-row-index={index}
                  data-testid={row === undefined ? `${props.rowTestId}-loading` : props.rowTestId}
                  tabIndex={index === tabStop ? 0 : -1}
                  onFocus={() => setActive(index)}
                  className={`grid-row grid-body-row${clickable ? ' clickable' : ''}${selected ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: template, height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
                  onClick={clickable ? () => props.onRowClick?.(row, index) : undefined}
                  onKeyDown={(event) => onKeyDown(event, index, row)}
                >
                  {row === undefined ? (
                    <div className="grid-cell" role="cell" style={{ gridColumn: '1 / -1', color: 'var(--mantine-color-dimmed)' }}>
                      {props.loadingLabel}
                    </div>
                  ) : (
                    props.columns.map((column) => (
                      <div key={column.id} role="cell" className={cellClass(column)}>
                        {column.cell(row)}
                      </div>
                    ))
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
