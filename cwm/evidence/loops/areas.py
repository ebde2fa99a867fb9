"""实地点位、包联社区、宣传：材料文件夹中还没有这部分时不检查，只提示一次。

只交附件1申报材料的文件夹（科室的网上申报材料）不会因为没有自查表、活动台账而被判为缺材料。材料文件夹中有
“实地点位”“包联社区”“宣传”文件夹（或其中任一 S-n、L-n、PUB-n 文件夹）时，对应的职责才逐项检查；
cwm init 会建好这些文件夹。
"""

from __future__ import annotations

from typing import Iterator

from cwm.evidence.context import Found
from cwm.evidence.loops.subjects import LoopContext

CODES = {
    "area-absent": ("info", "材料文件夹中没有实地点位、包联社区或宣传文件夹，这部分职责未检查。"),
}


def check(ctx: LoopContext) -> Iterator[Found]:
    """Nothing per duty: the engine says it once for the tree (``loops.absent_areas``)."""
    return iter(())
