def load_demo_reporting(*, stdout=None) -> None:
    """Nạp bộ biểu báo cáo mẫu."""
