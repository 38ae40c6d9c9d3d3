from django.urls import path

from lksworkforce.skills.views import assessments, frameworks, plans, rollups

app_name = "skills"
urlpatterns = [
    path("skills/", assessments.home, name="home"),
    path("skills/assessments/start/", assessments.assessment_start, name="assessment_start"),
    path("skills/assessments/<int:assessment_id>/", assessments.assessment_detail, name="assessment"),
    path(
        "skills/assessments/<int:assessment_id>/areas/<int:number>/",
        assessments.assessment_area,
        name="assessment_area",
    ),
    path("skills/assessments/<int:assessment_id>/finish/", assessments.assessment_finish, name="assessment_finish"),
    path("skills/assessments/<int:assessment_id>/sharing/", assessments.assessment_share, name="assessment_share"),
    path("skills/assessments/<int:assessment_id>/gaps/", assessments.assessment_gaps, name="assessment_gaps"),
    path("skills/assessments/<int:assessment_id>/report.pdf", assessments.assessment_pdf, name="assessment_pdf"),
    path("skills/history/", assessments.history, name="history"),
    path("skills/plan/", plans.plan, name="plan"),
    path("skills/plan/<int:action_id>/", plans.plan_action, name="plan_action"),
    path("skills/plan/<int:action_id>/remove/", plans.plan_action_remove, name="plan_action_remove"),
    path("skills/frameworks/", frameworks.framework_list, name="frameworks"),
    path("skills/frameworks/<slug:key>/", frameworks.framework_detail, name="framework"),
    path("skills/rollups/", rollups.rollup_nation, name="rollup_nation"),
    path("skills/rollups/regions/<str:code>/", rollups.rollup_region, name="rollup_region"),
    path("skills/rollups/organisations/<str:ods_code>/", rollups.rollup_organisation, name="rollup_organisation"),
    path("skills/teams/<str:ods_code>/shared/", rollups.team_shared, name="team_shared"),
]
