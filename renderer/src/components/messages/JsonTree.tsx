/**
 * A JSON value as a tree with collapsible objects and arrays. Rendering is bounded however large
 * the value: nodes below the first levels start collapsed, a collapsed node renders none of its
 * children, and an open one renders them CHILDREN_STEP at a time ("Show more").
 */
import { memo, useState, type ReactNode } from 'react';
import { formatCount } from '../../format/format-count';
import { childPath, type JsonNode } from './json-source';

/** Levels open when the tree is first shown (the root is level 0). */
const OPEN_LEVELS = 3;
/** Children rendered per step of an open object or array. */
const CHILDREN_STEP = 100;

export function JsonTree({ root, testId }: { root: JsonNode; testId: string }) {
  return (
    <div className="json-tree" data-testid={testId} role="tree">
      <JsonEntry name={null} node={root} path="$" depth={0} last />
    </div>
  );
}

interface JsonEntryProps {
  /** The key (in an object) or index (in an array); null for the root. */
  name: string | number | null;
  node: JsonNode;
  path: string;
  depth: number;
  last: boolean;
}

const JsonEntry = memo(function JsonEntry({ name, node, path, depth, last }: JsonEntryProps) {
  const label = name === null ? null : typeof name === 'number' ? <span className="json-tree__index">{name}: </span> : <span className="json-tree__key">{JSON.stringify(name)}: </span>;
  if (node.kind !== 'object' && node.kind !== 'array') {
    return (
      <div className="json-tree__line" data-testid="json-node" data-path={path} role="treeitem">
        {label}
        <JsonScalar node={node} />
        {!last && <span className="json-tree__punct">,</span>}
      </div>
    );
  }
  return <JsonContainer label={label} node={node} path={path} depth={depth} last={last} />;
});

interface JsonContainerProps {
  label: ReactNode;
  node: Extract<JsonNode, { kind: 'object' | 'array' }>;
  path: string;
  depth: number;
  last: boolean;
}

function JsonContainer({ label, node, path, depth, last }: JsonContainerProps) {
  const size = node.kind === 'object' ? node.entries.length : node.items.length;
  const [open, setOpen] = useState(depth < OPEN_LEVELS && size <= CHILDREN_STEP * 10);
  const [shown, setShown] = useState(CHILDREN_STEP);
  const [opening, closing] = node.kind === 'object' ? ['{', '}'] : ['[', ']'];
  const comma = last ? null : <span className="json-tree__punct">,</span>;
  if (size === 0) {
    return (
      <div className="json-tree__line" data-testid="json-node" data-path={path} role="treeitem">
        {label}
        <span className="json-tree__punct">
          {opening}
          {closing}
        </span>
        {comma}
      </div>
    );
  }
  const summary = node.kind === 'object' ? `${formatCount(size)} ${size === 1 ? 'key' : 'keys'}` : `${formatCount(size)} ${size === 1 ? 'item' : 'items'}`;
  const children =
    node.kind === 'object'
      ? node.entries.slice(0, shown).map(([key, child], index) => ({ name: key as string | number, child, path: childPath(path, key), index }))
      : node.items.slice(0, shown).map((child, index) => ({ name: index as string | number, child, path: childPath(path, index), index }));
  return (
    <div className="json-tree__container" data-testid="json-node" data-path={path} data-open={open} role="treeitem" aria-expanded={open}>
      <div className="json-tree__line">
        <button type="button" className="json-tree__toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${path}`} data-testid="json-toggle">
          <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true" className={open ? 'json-tree__chevron json-tree__chevron--open' : 'json-tree__chevron'}>
            <path d="M3 1.5L7 5l-4 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        {label}
        <span className="json-tree__punct">{opening}</span>
        {!open && (
          <>
            <button type="button" className="json-tree__summary" onClick={() => setOpen(true)} data-testid="json-summary">
              {summary}
            </button>
            <span className="json-tree__punct">{closing}</span>
            {comma}
          </>
        )}
      </div>
      {open && (
        <>
          <div className="json-tree__children" role="group">
            {children.map(({ name, child, path: childAt, index }) => (
              <JsonEntry key={index} name={name} node={child} path={childAt} depth={depth + 1} last={index === size - 1} />
            ))}
            {shown < size && (
              <button type="button" className="json-tree__more" onClick={() => setShown(shown + CHILDREN_STEP)} data-testid="json-more">
                Show {formatCount(Math.min(CHILDREN_STEP, size - shown))} more of {formatCount(size - shown)}
              </button>
            )}
          </div>
          <div className="json-tree__line">
            <span className="json-tree__punct">{closing}</span>
            {comma}
          </div>
        </>
      )}
    </div>
  );
}

function JsonScalar({ node }: { node: Exclude<JsonNode, { kind: 'object' | 'array' }> }) {
  switch (node.kind) {
    case 'string':
      return <span className="json-tree__string">{JSON.stringify(node.value)}</span>;
    case 'number':
      return <span className="json-tree__number">{node.text}</span>;
    case 'boolean':
      return <span className="json-tree__boolean">{String(node.value)}</span>;
    case 'null':
      return <span className="json-tree__null">null</span>;
  }
}
