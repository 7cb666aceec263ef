using Gas.Core.Email;

namespace Gas.Tests.Text;

/// <summary>The HTML part made from an email's text: encoded paragraphs with working links.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class EmailHtmlFromText
{
    [TestMethod]
    public void ParagraphsAreEncodedAndAddressesBecomeLinksWithoutTheSentencesFullStop()
    {
        var html = EmailHtml.FromText("Hello <Ann> & co,\n\nOpen http://127.0.0.1:5123/Account/ResetPassword?email=a%40b.org&token=x-y_z. Thanks\nGAS\n");

        Assert.AreEqual(
            "<p>Hello &lt;Ann&gt; &amp; co,</p>\n" +
            "<p>Open <a href=\"http://127.0.0.1:5123/Account/ResetPassword?email=a%40b.org&amp;token=x-y_z\">" +
            "http://127.0.0.1:5123/Account/ResetPassword?email=a%40b.org&amp;token=x-y_z</a>. Thanks<br>\nGAS</p>\n",
            html);
    }

    [TestMethod]
    public void OnlyHttpAddressesBecomeLinks()
    {
        var html = EmailHtml.FromText("javascript:alert(1) and ftp://x.org stay text");

        Assert.AreEqual("<p>javascript:alert(1) and ftp://x.org stay text</p>\n", html);
    }
}
