import { Component, type ReactNode } from 'react';

type Props = { resetKey: string; fallback: ReactNode; children: ReactNode };

/**
 * Catches a page that fails to render or whose code cannot be loaded (a lazy chunk gone after a new
 * release), so the header stays usable. A change of `resetKey` (the path) clears the error.
 */
export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override componentDidUpdate(prev: Props) {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false });
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
