"""Network checks that are not IPv6: the .gov.cn domain and HTTPS/TLS.

| check | input | verdict |
|---|---|---|
| ``network.gov_cn_domain`` | the unit's base URL | ends in .gov.cn → pass; other name → fail; IP literal / localhost → 不适用 |
| ``network.https`` | probe ``tls`` | http only → warn; invalid / expired / wrong-name certificate → fail; expires within ``tls_expiry_warn_days`` (30) or HTTP not redirected to HTTPS → warn |

One finding per unit, key "", url the home URL.
"""
