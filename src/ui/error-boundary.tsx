/**
 * Keeps a failure to draw one part of a cell (a result view, a chart) inside
 * that part: the message is shown in place, and the rest of the notebook goes
 * on rendering and running.
 */
import { Component, type ComponentChildren } from 'preact';

interface Props {
  readonly what: string;
  /** When this changes (e.g. a new result), the part is drawn again. */
  readonly resetKey?: unknown;
  readonly children: ComponentChildren;
}

interface State {
  readonly error: string | null;
  readonly key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static override getDerivedStateFromError(err: unknown): Partial<State> {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  static override getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(err: unknown): void {
    console.error(`${this.props.what} failed to draw`, err);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div class="draw-error" role="alert">
        {this.props.what} could not be shown: {this.state.error}.{' '}
        <button type="button" class="link" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
