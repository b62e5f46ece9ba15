import { Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

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
 * A table of fixed-height rows that renders only the rows on screen (@tanstack/react-virtual).
 * Rows are fetched page by page by the owner. The virtualizer starts from the viewport the grid
 * will have (the window's height less `heightOffset`) at the top, so the first render already has
 * the rows on screen, and measuring that same viewport after mount renders nothing again.
 */
export function VirtualGrid<T>(props: VirtualGridProps<T>): ReactNode {
  const { total, rowAt, onRangeChange, rowHeight = 36, heightOffset } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Roving tab stop: one row is in the tab order; arrows move between rows.
  const [active, setActive] = useState(0);
  // The viewport before it is measured: the scroller is `calc(100vh - heightOffset)` tall.
  const [initialRect] = useState(() => ({ width: window.innerWidth, height: Math.max(0, window.innerHeight - heightOffset) }));
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    // Fixed-height rows: no measureElement, every row is rowHeight tall.
    estimateSize: () => rowHeight,
    initialRect,
    initialOffset: 0,
    overscan: OVERSCAN,
    // The rows start below the sticky header, in the same scroller; scrolling to a row keeps it
    // out from under the header.
    scrollMargin: rowHeight,
    scrollPaddingStart: rowHeight,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const tabStop = items.some((item) => item.index === active) ? active : first;

  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  function focusRow(index: number): void {
    const scroller = scrollRef.current;
    if (!scroller || index < 0 || index >= total) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    // The next row is within the overscan, so it is rendered already; should it not be, it is
    // once the scroll has rendered.
    const rowAtIndex = () => scroller.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
    const row = rowAtIndex();
    if (row) row.focus({ preventScroll: true });
    else requestAnimationFrame(() => rowAtIndex()?.focus({ preventScroll: true }));
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
      <div className="grid-scroll" ref={scrollRef} style={{ height: `calc(100vh - ${heightOffset}px)` }}>
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
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
            {items.map((item) => {
              const index = item.index;
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
                  style={{ gridTemplateColumns: template, height: item.size, transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
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
