import sys

from statsref.cli import main

sys.exit(main())
