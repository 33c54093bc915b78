"""Message ids of other packages (allauth) worded differently in the portal's catalogue.

The portal says 二段階認証 and 新規登録 everywhere; allauth's own catalogue says 多要素認証 and
ユーザー登録. Listing the ids here keeps them in ``locale/ja`` (which takes precedence).
"""

from django.utils.translation import gettext_noop

OVERRIDDEN_MESSAGE_IDS = (
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Sign Up"),
)
