import sys

from clamp2_engine.cli import main

sys.exit(main())
