"""``python -m cwm`` and the ``cwm`` command: stop signals are taken over before anything else is
imported, so Ctrl-C or a scheduler's SIGTERM at any moment — even while cwm is still starting —
ends the run quietly with exit code 130 (never a traceback)."""

from __future__ import annotations

import signal


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run() -> None:
    """Entry point of the ``cwm`` command (and of the portable build)."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    try:
        from cwm.cli import main
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    raise SystemExit(main())


if __name__ == "__main__":
    run()
