namespace SealMatch.Synthesis;

/// <summary>Typefaces available to seals, print and handwriting (all installed from Debian packages).</summary>
public enum SealFont
{
    /// <summary>宋/明体: AR PL UMing CN (<c>fonts-arphic-uming</c>). The usual face of official seals.</summary>
    Song,

    /// <summary>楷体: AR PL UKai CN (<c>fonts-arphic-ukai</c>). Name seals, handwriting.</summary>
    Kai,

    /// <summary>黑体-like: WenQuanYi Zen Hei (<c>fonts-wqy-zenhei</c>). Print and some seals.</summary>
    Hei,
}
