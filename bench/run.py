"""``./manage.sh bench``: the benchmarks, each printing its figures (no thresholds)."""

from bench.field_check import main

if __name__ == "__main__":
    main()
