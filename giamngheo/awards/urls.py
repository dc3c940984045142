from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("thi-dua/vinh-danh/", views.honour_roll, name="honour_roll"),
    path("thi-dua/lay-y-kien/", views.comment_list, name="comment_list"),
    path("thi-dua/lay-y-kien/<str:pk>/gop-y/", views.comment, name="comment"),
    path("thi-dua/lay-y-kien/cam-on/", views.comment_thanks, name="comment_thanks"),
]
