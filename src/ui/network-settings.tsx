/**
 * "Remote data" in the sidebar: what the open notebook may reach beyond the files the user opens.
 * Off unless the user turns it on, per notebook; DuckDB restarts to apply a change.
 */
import { useState } from 'preact/hooks';
import { EXTENSIONS_ORIGIN, hostLabel } from '../notebook/network';
import { useSession } from './session-context';

export function NetworkSettings() {
  const { network, state } = useSession();
  const allowed = network.allowedNetwork.value;
  const failures = state.duckdbNetwork.value.extensionFailures;
  const [host, setHost] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [extensions, setExtensionText] = useState<string | null>(null);
  const extensionText = extensions ?? allowed.extensions.join(', ');
  const off = allowed.hosts.length === 0 && allowed.extensions.length === 0;
  return (
    <section class="catalog network-settings" aria-label="Remote data">
      <h2>Remote data</h2>
      <p class="small muted" data-role="network-status">
        {off
          ? 'Off: DuckDB reads only the files you open, and nothing leaves this browser.'
          : [
              allowed.hosts.length > 0 ? 'This notebook may read data from the hosts below, and only them.' : '',
              allowed.extensions.length > 0 ? `DuckDB loads ${allowed.extensions.join(', ')} when it starts.` : '',
            ].join(' ')}
      </p>
      {allowed.hosts.length > 0 && (
        <ul class="allowed-hosts" aria-label="Allowed hosts">
          {allowed.hosts.map((origin) => (
            <li key={origin}>
              <span class="mono">{hostLabel(origin)}</span>
              <button
                type="button"
                class="link"
                aria-label={`Stop allowing ${hostLabel(origin)}`}
                onClick={() => void network.removeHost(origin)}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="allow-host"
        onSubmit={(e) => {
          e.preventDefault();
          void network.allowHost(host).then((why) => {
            setProblem(why);
            if (!why) setHost('');
          });
        }}
      >
        <input
          type="text"
          value={host}
          placeholder="data.example.org"
          aria-label="Host to allow"
          spellcheck={false}
          onInput={(e) => setHost((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Allow host</button>
      </form>
      {problem && (
        <p class="small error-text" role="alert">
          {problem}
        </p>
      )}
      <form
        class="allow-extensions"
        onSubmit={(e) => {
          e.preventDefault();
          void network.setExtensions(extensionText.split(/[\s,]+/)).then(() => setExtensionText(null));
        }}
      >
        <label class="small" for="duckdb-extensions">
          DuckDB extensions, fetched from {hostLabel(EXTENSIONS_ORIGIN)} when DuckDB starts
        </label>
        <input
          id="duckdb-extensions"
          type="text"
          value={extensionText}
          placeholder="none (e.g. parquet, json)"
          spellcheck={false}
          onInput={(e) => setExtensionText((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Use extensions</button>
      </form>
      {failures.length > 0 && (
        <p class="small error-text" role="alert">
          Could not load: {failures.join(', ')}
        </p>
      )}
    </section>
  );
}
