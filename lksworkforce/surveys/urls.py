from django.urls import path

from lksworkforce.surveys.views import answering, manage, results

app_name = "surveys"
urlpatterns = [
    path("surveys/", results.survey_list, name="list"),
    path("surveys/load/", manage.load, name="load"),
    # The survey form: anyone may answer, without signing in.
    path("surveys/<slug:key>/", answering.start, name="start"),
    path("surveys/<slug:key>/invitation/<str:token>/", answering.invitation, name="invitation"),
    path("surveys/<slug:key>/begin/", answering.begin, name="begin"),
    path("surveys/<slug:key>/sections/<int:number>/", answering.section, name="section"),
    path("surveys/<slug:key>/saved/", answering.saved, name="saved"),
    path("surveys/<slug:key>/resume/", answering.resume, name="resume"),
    path("surveys/<slug:key>/check/", answering.check, name="check"),
    path("surveys/<slug:key>/done/", answering.done, name="done"),
    # Results, for signed-in people; running the survey, for the national team.
    path("surveys/<slug:key>/results/", results.results, name="results"),
    path("surveys/<slug:key>/results/questions/", results.question_summaries, name="questions"),
    path("surveys/<slug:key>/results/printable/", results.printable, name="printable"),
    path("surveys/<slug:key>/results/cpd-offer/", results.cpd_offer, name="cpd_offer"),
    path("surveys/<slug:key>/definition.yaml", results.definition, name="definition"),
    path("surveys/<slug:key>/import/", manage.import_responses, name="import"),
]
