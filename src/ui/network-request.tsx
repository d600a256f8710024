/**
 * A notebook from a file or a link that asks for network access says so here, above its cells.
 * Nothing is fetched unless the user allows it; the request never grants itself.
 */
import { describeAccess } from '../session/network';
import { useSession } from './session-context';

export function NetworkRequest() {
  const { network } = useSession();
  if (!network.showRequest.value) return null;
  return (
    <div class="network-request" role="region" aria-label="Network request">
      <p>
        This notebook asks to {describeAccess(network.pendingRequest.value)}. Nothing is fetched unless you allow it,
        and then only for this notebook.
      </p>
      <div class="network-request-actions">
        <button type="button" onClick={() => void network.allowRequest()}>
          Allow for this notebook
        </button>
        <button type="button" class="link" onClick={() => network.putOffRequest()}>
          Not now
        </button>
      </div>
    </div>
  );
}
