import { Text } from '@mantine/core';
import { type ColumnDef, flexRender, getCoreRowModel, type RowData, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** CSS grid track, e.g. "minmax(220px, 2fr)" or "140px". */
    width?: string;
    align?: 'left' | 'right' | 'center';
    /** Keeps TS from flagging the unused generics. */
    _types?: [TData, TValue];
  }
}

/** A windowed row: loaded data, or a placeholder while its page is on the way. */
export type GridRow<T> = { index: number; data: T | undefined };

export interface VirtualGridProps<T> {
  columns: ColumnDef<GridRow<T>, unknown>[];
  /** Total number of rows (all pages), known from the server. */
  total: number;
  /** The row at an index, or undefined while its page is loading. */
  rowAt: (index: number) => T | undefined;
  /** Tells the owner which rows are on screen so it can fetch their pages. */
  onRangeChange?: (start: number, end: number) => void;
  onRowClick?: (row: T, index: number) => void;
  rowKey?: (row: T, index: number) => string;
  isSelected?: (row: T) => boolean;
  height: number | string;
  rowHeight?: number;
  testId: string;
  rowTestId: string;
  label: string;
  empty: ReactNode;
  loadingLabel: string;
}

/**
 * A table that renders only the rows on screen (@tanstack/react-virtual) and describes its
 * columns with @tanstack/react-table. Rows are fetched page by page by the owner.
 */
export function VirtualGrid<T>(props: VirtualGridProps<T>): ReactNode {
  const { total, rowAt, onRangeChange, rowHeight = 36 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Roving tab stop: one row is in the tab order; arrows move between rows.
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const tabStop = items.some((item) => item.index === active) ? active : first;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  const windowRows: GridRow<T>[] = items.map((item) => ({ index: item.index, data: rowAt(item.index) }));
  // The window's rows change on every scroll: no auto-resets, or the table would set state on
  // each new data array and render forever.
  const table = useReactTable({
    data: windowRows,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    autoResetAll: false,
    manualPagination: true,
  });
  const template = table
    .getAllLeafColumns()
    .map((column) => column.columnDef.meta?.width ?? 'minmax(120px, 1fr)')
    .join(' ');

  function focusRow(index: number): void {
    if (index < 0 || index >= total) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`)?.focus();
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, row: GridRow<T>): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(row.index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(row.index - 1);
    } else if ((event.key === 'Enter' || event.key === ' ') && row.data !== undefined && props.onRowClick) {
      event.preventDefault();
      props.onRowClick(row.data, row.index);
    }
  }

  const headerGroup = table.getHeaderGroups()[0];
  return (
    <div className="grid" data-testid={props.testId} role="table" aria-label={props.label} aria-rowcount={total + 1}>
      <div className="grid-scroll" ref={scrollRef} style={{ height: props.height }}>
        <div className="grid-row grid-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: rowHeight }}>
          {headerGroup?.headers.map((header) => (
            <div
              key={header.id}
              role="columnheader"
              className={`grid-cell${header.column.columnDef.meta?.align === 'right' ? ' num' : ''}`}
            >
              {flexRender(header.column.columnDef.header, header.getContext())}
            </div>
          ))}
        </div>
        {total === 0 ? (
          <Text c="dimmed" ta="center" py="xl">
            {props.empty}
          </Text>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
            {table.getRowModel().rows.map((row, i) => {
              const item = items[i];
              if (!item) return null;
              const data = row.original.data;
              const clickable = props.onRowClick !== undefined && data !== undefined;
              const selected = data !== undefined && props.isSelected?.(data) === true;
              return (
                <div
                  key={data !== undefined && props.rowKey ? props.rowKey(data, item.index) : item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={props.isSelected ? selected : undefined}
                  aria-busy={data === undefined}
                  data-row-index={item.index}
                  data-testid={data === undefined ? `${props.rowTestId}-loading` : props.rowTestId}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  onFocus={() => setActive(item.index)}
                  className={`grid-row grid-body-row${clickable ? ' clickable' : ''}${selected ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: template, height: item.size, transform: `translateY(${item.start}px)` }}
                  onClick={clickable ? () => props.onRowClick?.(data, item.index) : undefined}
                  onKeyDown={(event) => onKeyDown(event, row.original)}
                >
                  {data === undefined ? (
                    <div className="grid-cell" role="cell" style={{ gridColumn: '1 / -1', color: 'var(--mantine-color-dimmed)' }}>
                      {props.loadingLabel}
                    </div>
                  ) : (
                    row.getVisibleCells().map((cell) => (
                      <div
                        key={cell.id}
                        role="cell"
                        className={`grid-cell${cell.column.columnDef.meta?.align === 'right' ? ' num' : ''}`}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
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
