/**
 * A list that fits the screen: antd's Table on a desktop, a column of cards on a phone (below antd's md breakpoint,
 * where the layout switches to the drawer menu) instead of a table scrolled sideways. Each list passes its columns
 * (the table) and a card renderer (the phone); both share the same data, pagination, sorting (the columns'
 * controlled `sortOrder`, offered on a phone as one 排序 picker) and selection (a checkbox per card and 全选本页, so
 * bulk actions work on a phone too). A tap anywhere on a card opens the record (`cardHref`); actions that must not
 * open it (edit, call) go in `cardActions`, outside the tapped area.
 */
import { Checkbox, Empty, Grid, Pagination, Select, Spin, Table, type TablePaginationConfig, type TableProps } from 'antd';
import type { SorterResult, SortOrder } from 'antd/es/table/interface';
import type { Key, ReactNode } from 'react';
import { Link } from 'react-router';

type Column<T> = NonNullable<TableProps<T>['columns']>[number];

export interface ResponsiveListProps<T extends object> extends Omit<TableProps<T>, 'rowKey'> {
  rowKey: string & keyof T;
  /** What the card shows: what a person needs to act on the record. No links or buttons inside (see cardActions). */
  card: (record: T) => ReactNode;
  /** Where a tap on the card goes. */
  cardHref?: (record: T) => string;
  /** The spoken name of the card's link, e.g. 查看问题 WT…. */
  cardLabel?: (record: T) => string;
  /** Buttons and links under the card (edit, call): they do not open the record. */
  cardActions?: (record: T) => ReactNode;
  /** A class for the card (e.g. an overdue tint). */
  cardClassName?: (record: T) => string;
  /** Force a mode (tests, or a page that is always narrow); default: by screen width. */
  mode?: 'table' | 'cards';
}

const CARD_CSS = `
.cc-card { display: flex; gap: 8px; align-items: flex-start; background: #fff; border: 1px solid #f0f0f0;
  border-radius: 8px; padding: 10px 12px; margin-bottom: 8px; }
.cc-card-overdue { border-color: #ffccc7; background: #fff6f5; }
.cc-card-main { flex: 1; min-width: 0; }
.cc-card-link { display: block; color: inherit; min-height: 44px; }
.cc-card-link:hover, .cc-card-link:active { color: inherit; }
.cc-card-actions { display: flex; flex-wrap: wrap; gap: 4px 8px; margin-top: 6px; }
.cc-card-check { flex: none; width: 44px; height: 44px; margin: -10px 0 -10px -12px; display: flex;
  align-items: center; justify-content: center; }
.cc-card-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; justify-content: space-between;
  margin-bottom: 8px; }
`;

/** The title of a column as text (for the sort picker). */
function columnTitle<T>(c: Column<T>): string {
  return typeof c.title === 'string' ? c.title : String(c.key ?? '');
}

/** The table or the cards. */
export function ResponsiveList<T extends object>(props: ResponsiveListProps<T>) {
  // The card props are for the phone; the rest is antd's Table as it is.
  const { card: _card, cardHref: _href, cardLabel: _label, cardActions: _actions, cardClassName: _class, mode, ...tableProps } = props;
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: the table, as the layout does.
  const asCards = mode ? mode === 'cards' : screens.md === false;
  if (!asCards) return <Table<T> {...tableProps} />;
  return <Cards {...props} />;
}

function Cards<T extends object>({
  rowKey,
  columns = [],
  dataSource = [],
  loading,
  onChange,
  pagination,
  rowSelection,
  locale,
  card,
  cardHref,
  cardLabel,
  cardActions,
  cardClassName,
}: ResponsiveListProps<T>) {
  const keyOf = (r: T) => r[rowKey] as unknown as Key;
  const sortable = columns.filter((c) => !!c.sorter && c.key !== undefined);
  const active = sortable.find((c) => c.sortOrder);
  const sorterOf = (key: Key | undefined, order: SortOrder | undefined): SorterResult<T> => {
    const column = sortable.find((c) => c.key === key);
    return { column, columnKey: key, field: key, order: order ?? undefined };
  };
  const current: SorterResult<T> = sorterOf(active?.key, active?.sortOrder);
  const pager = pagination === false ? undefined : (pagination as TablePaginationConfig | undefined);

  // Selection: the same rowSelection the table takes (selectedRowKeys + onChange).
  const selected = new Set(rowSelection?.selectedRowKeys ?? []);
  const selectable = dataSource.filter((r) => !rowSelection?.getCheckboxProps?.(r)?.disabled);
  const select = (keys: Key[]) => {
    const set = new Set(keys);
    const rows = dataSource.filter((r) => set.has(keyOf(r)));
    rowSelection?.onChange?.(keys, rows, { type: 'multiple' });
  };
  const toggle = (r: T, on: boolean) => {
    const others = [...selected].filter((k) => k !== keyOf(r));
    select(on ? [...others, keyOf(r)] : others);
  };
  const pageKeys = selectable.map(keyOf);
  const allOnPage = pageKeys.length > 0 && pageKeys.every((k) => selected.has(k));
  const someOnPage = pageKeys.some((k) => selected.has(k));

  const sortOptions = sortable.flatMap((c) => [
    { value: `${String(c.key)}:ascend`, label: `${columnTitle(c)} 升序` },
    { value: `${String(c.key)}:descend`, label: `${columnTitle(c)} 降序` },
  ]);
  const emptyText = locale?.emptyText;

  return (
    <div className="cc-cards">
      <style href="cc-responsive-list" precedence="default">
        {CARD_CSS}
      </style>
      {(rowSelection || sortOptions.length > 0) && (
        <div className="cc-card-toolbar">
          {rowSelection ? (
            <Checkbox
              checked={allOnPage}
              indeterminate={!allOnPage && someOnPage}
              disabled={!pageKeys.length}
              onChange={(e) =>
                select(e.target.checked ? [...new Set([...selected, ...pageKeys])] : [...selected].filter((k) => !pageKeys.includes(k)))
              }
            >
              全选本页
            </Checkbox>
          ) : (
            <span />
          )}
          {sortOptions.length > 0 && (
            <Select
              aria-label="排序"
              placeholder="默认排序"
              allowClear
              value={active ? `${String(active.key)}:${active.sortOrder}` : undefined}
              options={sortOptions}
              style={{ minWidth: 150 }}
              onChange={(v?: string) => {
                const [key, order] = v ? v.split(':') : [];
                onChange?.({ current: 1, pageSize: pager?.pageSize }, {}, sorterOf(key, order as SortOrder), {
                  action: 'sort',
                  currentDataSource: [...dataSource],
                });
              }}
            />
          )}
        </div>
      )}
      <Spin spinning={!!loading}>
        {dataSource.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={typeof emptyText === 'function' ? emptyText() : emptyText} />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {dataSource.map((r) => {
              const href = cardHref?.(r);
              const body = href ? (
                <Link to={href} className="cc-card-link" aria-label={cardLabel?.(r)}>
                  {card(r)}
                </Link>
              ) : (
                card(r)
              );
              const disabled = rowSelection?.getCheckboxProps?.(r)?.disabled;
              return (
                <li key={String(keyOf(r))} className={`cc-card ${cardClassName?.(r) ?? ''}`}>
                  {rowSelection && (
                    <span className="cc-card-check">
                      <Checkbox
                        aria-label="选择"
                        checked={selected.has(keyOf(r))}
                        disabled={disabled}
                        onChange={(e) => toggle(r, e.target.checked)}
                      />
                    </span>
                  )}
                  <div className="cc-card-main">
                    {body}
                    {cardActions && <div className="cc-card-actions">{cardActions(r)}</div>}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Spin>
      {pager && (pager.total ?? 0) > 0 && (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 4, marginTop: 8 }}>
          {(pager.total ?? 0) > (pager.pageSize ?? 10) && (
            <Pagination
              simple
              current={pager.current}
              pageSize={pager.pageSize}
              total={pager.total}
              onChange={(page, pageSize) =>
                onChange?.({ current: page, pageSize }, {}, current, { action: 'paginate', currentDataSource: [...dataSource] })
              }
            />
          )}
          {pager.showTotal && <span style={{ color: 'rgba(0,0,0,.45)', fontSize: 12 }}>{pager.showTotal(pager.total ?? 0, [0, 0])}</span>}
        </div>
      )}
    </div>
  );
}
