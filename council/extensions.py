"""Extensions, created here unbound and bound to the app in create_app."""
from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

login_manager = LoginManager()
login_manager.login_view = "accounts.login"
login_manager.login_message = "Please log in to see that page."
login_manager.session_protection = "basic"

csrf = CSRFProtect()

# Counters live in RATELIMIT_STORAGE_URI: memory for one process, Redis for several.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
