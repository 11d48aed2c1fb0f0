"""Articles of our own writing for the web-app tests: an invented bridge collapse told by
three outlets (they disagree on the number injured) and an unrelated chess tournament."""

from __future__ import annotations

BRIDGE_1 = {
    "id": "lakeview-times",
    "title": "Bridge in Lakeview collapses, three hurt",
    "outlet": "Lakeview Times",
    "published": "2026-04-02",
    "text": (
        "A pedestrian bridge over the Sable river in Lakeview collapsed on Wednesday morning, "
        "injuring three people.\n\n"
        "City engineer Maren Holt said the structure had been inspected in January. "
        '"We found no sign of this kind of weakness," Holt said.\n\n'
        "The bridge was built in 1978 and carried walkers between the old town and the station."
    ),
}
BRIDGE_2 = {
    "id": "sable-courier",
    "title": "Four injured as Lakeview footbridge falls",
    "outlet": "Sable Courier",
    "published": "2026-04-02",
    "text": (
        "Four people were injured when a footbridge across the Sable river in Lakeview gave way "
        "on Wednesday.\n\n"
        '"We found no sign of that kind of weakness," city engineer Maren Holt told the Courier.\n\n'
        "The bridge, built in 1978, carried about 2,000 walkers a day between the old town and the station."
    ),
}
BRIDGE_3 = (
    "Lakeview closes river paths after footbridge collapse\n\n"
    "Lakeview, April 3 (Northline) - Lakeview officials closed the paths along the Sable river on "
    "Thursday, a day after a footbridge collapse that injured three people.\n\n"
    "City engineer Maren Holt said divers would examine the bridge piers in the Sable river this week. "
    "The footbridge between the old town and the station was built in 1978.\n"
)
CHESS = (
    "Teenager wins Harrowgate chess open\n\n"
    "Harrowgate, May 20 (Northline) - Sixteen-year-old Tomas Vell won the Harrowgate chess open on "
    "Sunday after beating the defending champion Irena Sokol in a long final game.\n\n"
    '"I did not expect to win against such a strong field," Vell said after the prize ceremony, '
    "where he received 5,000 euros. The tournament drew 240 players from 19 countries.\n"
)
HOSTILE = {
    "id": "hostile",
    "title": "Council <script>window.__pwned = 1</script> vote",
    "outlet": "Crier <img src=x onerror=alert(1)>",
    "published": "2026-04-02",
    "text": (
        "The Lakeview council voted on Wednesday to repair the fallen Sable river footbridge. "
        "<script>window.__pwned = 2</script>\n\n"
        'Residents posted <img src=x onerror="window.__pwned = 3"> photos of the collapsed bridge.'
    ),
}
