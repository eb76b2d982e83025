import time, statistics
import pytest
from django.db import connection
from tests.complaints.helpers import ABOUT, CONTACT, INCIDENT, school_with_officer

@pytest.mark.django_db(transaction=True)
def test_split(client, settings):
    settings.COMPLAINT_FILINGS_PER_HOUR = settings.COMPLAINT_DRAFTS_PER_HOUR = 10**9
    school, _ = school_with_officer()
    res = {n: ([], [], []) for n in ("about", "incident", "contact")}
    acc = [0.0, 0]
    def wrapper(execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            acc[0] += time.perf_counter() - t; acc[1] += 1
    orig_commit = connection.commit
    def timed(name, fn):
        acc[0], acc[1] = 0.0, 0
        with connection.execute_wrapper(wrapper):
            t = time.perf_counter(); r = fn(); el = (time.perf_counter() - t) * 1000
        res[name][0].append(el); res[name][1].append(acc[0] * 1000); res[name][2].append(acc[1])
        return r
    for i in range(30):
        c = client.__class__()
        c.get("/complaints/new/")
        s1 = timed("about", lambda: c.post("/complaints/new/", {**ABOUT, "school": school.pk}))
        s2 = timed("incident", lambda: c.post(s1.url, INCIDENT))
        s3 = timed("contact", lambda: c.post(s2.url, CONTACT))
        assert s3.status_code == 302
    with open("/tmp/intake/split.txt", "w") as f:
        for n, (tot, db, cnt) in res.items():
            f.write(f"{n}: total {statistics.median(tot[5:]):.2f} ms, waiting on statements {statistics.median(db[5:]):.2f} ms, {cnt[-1]} statements (BEGIN/COMMIT not counted)\n")
