def load_demo_results(*, stdout=None) -> None:
    """Nạp số liệu rà soát hộ nghèo mẫu."""
