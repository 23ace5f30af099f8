using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>Where the page's files are: WebChat:WebRootPath, else wwwroot beside the binaries (the build copies it
/// there, with Web Chat's bundle fetched into lib/).</summary>
public sealed class WebChatFiles
{
    public WebChatFiles(IOptions<WebChatOptions> options)
    {
        var configured = options.Value.WebRootPath;
        Root = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Path.GetFullPath(configured);
        Provider = Directory.Exists(Root) ? new PhysicalFileProvider(Root) : new NullFileProvider();
    }

    public string Root { get; }
    public IFileProvider Provider { get; }
}
