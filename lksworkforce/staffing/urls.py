from django.urls import path

from lksworkforce.staffing.views import figures, national, reports, returns

app_name = "staffing"
urlpatterns = [
    path("staffing/", figures.dashboard, name="dashboard"),
    path("staffing/policy/", national.policy_list, name="policy"),
    path("staffing/policy/new/", national.policy_create, name="policy_create"),
    path("staffing/import/", national.staffing_import, name="import"),
    path("staffing/regions/<str:code>/", figures.region, name="region"),
    path("staffing/organisations/<str:ods_code>/", figures.organisation, name="organisation"),
    path("staffing/organisations/<str:ods_code>/board-report.pdf", reports.board_report, name="board_report"),
    path("staffing/organisations/<str:ods_code>/returns/", returns.return_list, name="returns"),
    path("staffing/organisations/<str:ods_code>/returns/<int:year>/", returns.return_detail, name="return"),
    path(
        "staffing/organisations/<str:ods_code>/returns/<int:year>/upload/", returns.return_upload, name="return_upload"
    ),
    path("staffing/organisations/<str:ods_code>/returns/<int:year>/posts/", returns.post_add, name="post_add"),
    path(
        "staffing/organisations/<str:ods_code>/returns/<int:year>/posts/<int:post_id>/remove/",
        returns.post_remove,
        name="post_remove",
    ),
    path(
        "staffing/organisations/<str:ods_code>/returns/<int:year>/impact/", returns.impact_update, name="impact_update"
    ),
    path(
        "staffing/organisations/<str:ods_code>/returns/<int:year>/<slug:action>/",
        returns.return_action,
        name="return_action",
    ),
]
