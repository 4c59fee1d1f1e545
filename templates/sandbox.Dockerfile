# The kata sandbox image, rendered by grader/image.py (`kata image build`). Do not edit the
# rendered copy: edit this template.
#
# The build runs with no network: every wheel was downloaded on the host into wheelhouse/, and
# pip installs from there only. The first stage holds the wheelhouse; the final image copies
# just the installed environment, so the wheels never become a layer of it.

FROM {{ base }} AS install
# Marks this stage's image, so that it is pruned once the build is done.
LABEL {{ stage_label }}="install"
# Installs need root, whatever user the base image ends with.
USER root
COPY wheelhouse {{ wheelhouse }}
# A venv without pip works on any base: Debian's own python3 has no ensurepip. pip runs
# straight from its wheel.
RUN python3 -m venv --without-pip {{ prefix }} \
 && {{ prefix }}/bin/python {{ wheelhouse }}/{{ pip_wheel }}/pip install \
        --no-index --find-links {{ wheelhouse }} \
        --no-cache-dir --disable-pip-version-check --no-input --quiet \
        --requirement {{ wheelhouse }}/{{ requirements_file }} \
 && rm -rf {{ prefix }}/lib/python*/site-packages/grader/katas
# The grader's wheel carries the built-in katas, hidden specs included; the sandbox runs
# submissions, so they must not be in it. (The harness comes in with each submission.)

FROM {{ base }}
USER root
COPY --from=install {{ prefix }} {{ prefix }}
# The sandbox user is written straight into passwd and group, since not every base has useradd.
RUN echo 'kata:x:{{ uid }}:{{ uid }}:kata sandbox:/tmp:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'kata:x:{{ uid }}:' >> /etc/group \
 && mkdir -p {{ workdir }} \
 && chown {{ uid }}:{{ uid }} {{ workdir }}
ENV PATH={{ prefix }}/bin:$PATH \
    HOME=/tmp \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR {{ workdir }}
USER {{ uid }}:{{ uid }}
LABEL {% for key, value in labels.items() %}{{ key }}="{{ value }}"{% if not loop.last %} \
      {% endif %}{% endfor %}
