from django.urls import path

from lksworkforce.accounts import token_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password-reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("profile/", views.profile, name="profile"),
    path("profile/api-tokens/", token_views.api_token_create, name="api_token_create"),
    path("profile/api-tokens/<int:token_id>/revoke/", token_views.api_token_revoke, name="api_token_revoke"),
    path("people/", views.people, name="people"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/personal-data/", views.person_data, name="person_data"),
    path("people/<int:person_id>/personal-data.json", views.person_data_json, name="person_data_json"),
    path("people/<int:person_id>/personal-data.pdf", views.person_data_pdf, name="person_data_pdf"),
]
