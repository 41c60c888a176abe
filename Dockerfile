# natosg in a container: `docker build -t natosg .`, then
#   docker run --rm -it -v natosg-data:/data natosg                 (the console)
#   docker run -d --env-file .env -v natosg-data:/data natosg       (Slack and/or Discord)
#   docker run --rm -v natosg-data:/data natosg who-backs Rutte     (any command)
# compose.yaml does the same with a named volume and `.env`. See README, "Running it in
# production".
ARG PYTHON_IMAGE=python:3.11-slim
FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/natosg/bin:$PATH

# A dedicated user that owns nothing but the database folder.
RUN groupadd --system --gid 10001 natosg \
    && useradd --system --uid 10001 --gid natosg --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin natosg

WORKDIR /app
# The run-time dependencies first (pyproject.toml's list, pinned by requirements.lock; no
# test tools), so a code change reuses this layer.
COPY pyproject.toml requirements.lock README.md ./
RUN python -m venv /opt/natosg \
    && /opt/natosg/bin/python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/dependencies.txt \
    && /opt/natosg/bin/pip install -c requirements.lock -r /tmp/dependencies.txt \
    && rm /tmp/dependencies.txt
# Then the project itself (not editable), and the seed articles for a first start.
COPY records ./records
COPY storage ./storage
COPY summarizer ./summarizer
COPY evaluation ./evaluation
COPY bot ./bot
COPY seeds ./seeds
RUN /opt/natosg/bin/pip install --no-deps -c requirements.lock . \
    && rm -rf build ./*.egg-info \
    && mkdir -p /data && chown natosg:natosg /data

# The database lives on a volume; the code stays read-only to the bot. The user has no home,
# so what a command keeps for the next (the name resolver) goes on the volume too.
ENV NATOSG_DB=/data/natosg.db \
    NATOSG_SEEDS=/app/seeds \
    NATOSG_CACHE_DIR=/data/cache
VOLUME ["/data"]
USER natosg
# Slack's HTTP mode (when SLACK_SIGNING_SECRET is set; set SLACK_HOST=0.0.0.0 to publish it).
EXPOSE 3000
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.health"]

ENTRYPOINT ["natosg"]
CMD ["run"]
