import sys

from strategykit.cli import main

sys.exit(main())
