"""Save screenshots of the collection view's tabs, light and dark, at 1280x800, and of a pair
opened from it with its collection figures.

Usage: python bench/collection_screenshots.py STORE_OR_SOURCE [OUT_DIR]
(offscreen; default /tmp/shots-collection)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's viewer

from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from bench.screenshots import dark_palette  # noqa: E402


def pump(app: QApplication, seconds: float = 0.3) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    source = sys.argv[1]
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/shots-collection")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    app.setStyle("Fusion")
    from viewer.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        window = MainWindow(os.path.join(tmp, "tandem.ini"))
        window.resize(1280, 800)
        window.show()
        window.open_paths([source])
        while window.collection.data is None or window.collection.indexer.running:
            pump(app, 0.1)
        view = window.collection.view
        if view.formulations_model.rowCount():  # none in a store made --no-formulations
            view.formulations_table.selectRow(0)
            view.formulations_table.selectionModel().select(
                view.formulations_model.index(2, 0),
                view.formulations_table.selectionModel().SelectionFlag.Select
                | view.formulations_table.selectionModel().SelectionFlag.Rows)
            view.list_uses(view.formulations_model.item(0))
        for name, palette in (("light", app.style().standardPalette()), ("dark", dark_palette())):
            app.setPalette(palette)
            window.show_collection_page()
            for k in range(view.tabs.count()):
                view.tabs.setCurrentIndex(k)
                pump(app)
                tab = view.tabs.tabText(k).lower()
                window.grab().save(str(out / f"collection-{tab}-{name}.png"))
            pair = view.pairs_model.item(0)
            window.collection.open_pair(pair.a, pair.b)
            end = time.time() + 30
            while (window.rendered is None or window.busy
                   or window.side_panel.collection_slogans is None) and time.time() < end:
                pump(app, 0.1)
            window.side_panel.setCurrentIndex(1)
            settings = window.findChild(QDockWidget, "settings_dock")
            settings.hide()  # room for the slogans' collection column
            pump(app)
            window.grab().save(str(out / f"collection-pair-{name}.png"))
        window.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
