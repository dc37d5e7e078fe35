/** A record's headers: each key with its value (decoded like the value), each copyable, and all of them as JSON. */
import type { MessageRecord } from '../../../../electron/contract';
import { CopyButton } from '../common/CopyButton';
import { FieldPreview } from './FieldPreview';

export function HeadersTable({ headers }: { headers: MessageRecord['headers'] }) {
  if (headers.length === 0) {
    return (
      <div className="detail__muted" data-testid="detail-headers-empty">
        The record has no headers.
      </div>
    );
  }
  const asJson = JSON.stringify(
    headers.map((header) => ({ key: header.key, value: header.value.as === 'null' ? null : header.value.text })),
    null,
    2,
  );
  return (
    <div className="detail__headers">
      <div className="detail__section-title">
        {headers.length} header{headers.length === 1 ? '' : 's'}
        <CopyButton text={asJson} label="Copy the headers as JSON" testId="detail-headers-copy" />
      </div>
      <table className="table table--headers" data-testid="detail-headers">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Copy</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {headers.map((header, index) => (
            <tr key={index} data-testid="detail-header" data-header={header.key}>
              <td className="table__mono detail__header-key" data-testid="detail-header-key">
                {header.key}
              </td>
              <td className="detail__header-value" data-testid="detail-header-value">
                <FieldPreview field={header.value} wrap />
              </td>
              <td className="table__actions">{header.value.as !== 'null' && <CopyButton text={header.value.text} label={`Copy header ${header.key}`} testId="detail-header-copy" />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
