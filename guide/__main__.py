import sys

from .needs import require_packages, rerun

# what the commands import besides the standard library (requirements.lock installs them): said in one line,
# with how to install them, rather than a traceback
require_packages("python -m guide", rerun("-m", "guide"), site=("yaml", "pydantic"))

from .tools.cli import main  # noqa: E402

sys.exit(main())
