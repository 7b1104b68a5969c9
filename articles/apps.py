from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from articles.models import Article
        from core.caching import content_changed

        uid = "articles.pages"
        post_save.connect(content_changed, sender=Article, dispatch_uid=f"{uid}.save")
        post_delete.connect(content_changed, sender=Article, dispatch_uid=f"{uid}.delete")
        for through in (Article.related.through, Article.links_to.through):
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"{uid}.{through}")
