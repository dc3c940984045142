def load_demo_standards(*, stdout=None) -> None:
    """Nạp chuẩn nghèo đa chiều."""
